using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Transfer.Postgres;

/// <summary>
/// Moves the sequence behind every identity (or serial) column of the portal's schema to one past the column's
/// largest value (<c>setval(pg_get_serial_sequence(…), max(id) + 1, false)</c>), so inserts after an import or a
/// bulk load with explicit ids do not collide. One statement for all tables, found in the catalogue, so a table a
/// later migration adds is covered without a change here.
/// </summary>
public sealed class PostgresIdentitySequences(NewsPortalDbContext db) : IIdentitySequences
{
    public const string ResetSql = """
        DO $$
        DECLARE c record;
        BEGIN
            FOR c IN
                SELECT table_schema, table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            LOOP
                EXECUTE format(
                    'SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE((SELECT max(%I) FROM %I.%I), 0) + 1, false)',
                    quote_ident(c.table_schema) || '.' || quote_ident(c.table_name), c.column_name,
                    c.column_name, c.table_schema, c.table_name);
            END LOOP;
        END $$;
        """;

    public async Task ResetAsync(CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(ResetSql, cancellationToken);
}
