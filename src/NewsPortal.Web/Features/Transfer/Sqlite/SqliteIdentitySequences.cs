namespace NewsPortal.Web.Features.Transfer.Sqlite;

/// <summary>SQLite's next rowid (and AUTOINCREMENT's) is always past the largest one written: nothing to reset.</summary>
public sealed class SqliteIdentitySequences : IIdentitySequences
{
    public Task ResetAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
