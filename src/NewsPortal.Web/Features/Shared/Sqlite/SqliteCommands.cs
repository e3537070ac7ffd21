using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;

namespace NewsPortal.Web.Features.Shared.Sqlite;

/// <summary>The raw-command plumbing the SQLite implementations share: the context's connection held open, commands with parameters.</summary>
internal static class SqliteCommands
{
    /// <summary>
    /// Runs <paramref name="action"/> on the context's own connection, open for its duration. EF counts
    /// opens, so queries the context runs meanwhile use the same connection and leave it open.
    /// </summary>
    public static async Task<T> WithConnectionAsync<T>(this NewsPortalDbContext db, Func<DbConnection, Task<T>> action, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await action(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static Task WithConnectionAsync(this NewsPortalDbContext db, Func<DbConnection, Task> action, CancellationToken cancellationToken) =>
        db.WithConnectionAsync(async connection =>
        {
            await action(connection);
            return true;
        }, cancellationToken);

    /// <summary>A command for <paramref name="sql"/> with its parameters bound by name, in <paramref name="transaction"/> when given.</summary>
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }
        return command;
    }

    public static DbCommand Command(this DbConnection connection, string sql, params ReadOnlySpan<(string Name, object Value)> parameters) =>
        connection.Command(sql, null, parameters);

    public static DbParameter AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static async Task<long> ScalarAsync(this DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
