namespace NewsPortal.Web.Data;

/// <summary>The database servers the portal runs on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app, no server: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by several app replicas.</summary>
    Postgres,
}
