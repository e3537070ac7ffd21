using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Tests.Infrastructure;
using NewsPortal.Web.Data;

namespace NewsPortal.Tests.Performance;

/// <summary>The real app with the output cache on, as readers meet it.</summary>
public sealed class CachedPortalFactory : RecordingPortalFactory
{
    protected override bool OutputCacheEnabled => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Serve static assets with the headers a published build sends, not the build-time development ones.
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
    }
}

/// <summary>The real app with every SQL command it runs recorded (output cache off, so every page hits the database).</summary>
public class RecordingPortalFactory : NewsPortalFactory
{
    public SqlRecorder Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<NewsPortalDbContext>(options => options.AddInterceptors(Sql)));
    }
}

/// <summary>Records the text and parameters of every command, while switched on.</summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();
    private volatile bool _recording;

    public IReadOnlyList<RecordedCommand> Commands => [.. _commands];

    public void Start()
    {
        _commands.Clear();
        _recording = true;
    }

    public IReadOnlyList<RecordedCommand> Stop()
    {
        _recording = false;
        return Commands;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (_recording)
        {
            _commands.Enqueue(new RecordedCommand(
                command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
        }
    }
}

public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);
