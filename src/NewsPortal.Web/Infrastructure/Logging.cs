using Microsoft.Extensions.Options;
using NewsPortal.Web.Features.Site;
using System.Text.RegularExpressions;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace NewsPortal.Web.Infrastructure;

/// <summary>The portal's own key in the <c>Logging</c> section (the rest of it belongs to the logging framework).</summary>
public sealed class LogFormatOptions
{
    public const string Section = "Logging";

    /// <summary>One JSON line per event; unset means JSON everywhere but in Development.</summary>
    public bool? Json { get; set; }
}

public static class Logging
{
    /// <summary>Events waiting for the console; beyond this the newest are dropped rather than slowing requests.</summary>
    public const int ConsoleLogBuffer = 10_000;

    public static WebApplicationBuilder AddNewsPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LogFormatOptions>().BindConfiguration(LogFormatOptions.Section);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, logger) =>
        {
            // Resolved when the logger is built, from the container like any other options.
            var json = services.GetRequiredService<IOptions<LogFormatOptions>>().Value.Json ?? !development;
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                // A reader or editor who leaves mid-request cancels its database work; EF Core then reports the rolled-back
                // transaction as an error. Nothing failed on the server: the request log records the request (499) instead.
                .Filter.ByExcluding(IsCancelledDatabaseWork)
                // Last, so it also sees the request path that ASP.NET Core's logging scope adds to every event.
                .Enrich.With<SecretsMasked>();
            // The console sink writes under a lock; behind a slow pipe (docker's log driver, a test runner) every request
            // waited for it. Its own thread writes instead; a flood that outruns even that loses request lines, not requests.
            logger.WriteTo.Async(sink =>
            {
                if (json)
                {
                    sink.Console(new RenderedCompactJsonFormatter());
                }
                else
                {
                    sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
                }
            }, bufferSize: ConsoleLogBuffer, blockWhenFull: false);
        }, preserveStaticLogger: true); // each host logs through its own logger, never the process-wide Log.Logger (parallel test hosts)
        return builder;
    }

    private static bool IsCancelledDatabaseWork(Serilog.Events.LogEvent e) =>
        e.Exception is OperationCanceledException
        && e.Properties.TryGetValue("SourceContext", out var source)
        && source is Serilog.Events.ScalarValue { Value: string name }
        && name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);

    public static IApplicationBuilder UseNewsPortalRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The host's logger; the default, the static Log.Logger, is not the host's (see preserveStaticLogger above).
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (context, http) =>
            {
                context.Set("UserAgent", http.Request.Headers.UserAgent.ToString());
                context.Set("Signed-in", http.User.Identity?.IsAuthenticated == true);
                // The id a 500 page shows, so a reader's report leads to this line.
                context.Set("RequestId", ErrorPage.RequestIdOf(http));
            };
            options.GetLevel = (http, _, exception) =>
                // A 503 with Retry-After is load shed on purpose (ReaderLoadShedding), not a fault.
                exception is null && http.Response.StatusCode == 503 && http.Response.Headers.RetryAfter.Count > 0 ? Serilog.Events.LogEventLevel.Warning
                : exception is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/healthz") ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information;
        });
}

/// <summary>
/// Share-link tokens never reach a log: in every string property of every event (the request log's RequestPath, the
/// path ASP.NET Core's scope adds to each event of a request, a warning's path, a "Request starting" URL)
/// <c>/preview/{token}</c> becomes <c>/preview/***</c>. The rendered message is made from the properties, so it is masked too.
/// </summary>
public sealed partial class SecretsMasked : ILogEventEnricher
{
    public const string Mask = "***";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? masked = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && text.Contains("/preview/", StringComparison.OrdinalIgnoreCase))
            {
                (masked ??= []).Add(new LogEventProperty(name, new ScalarValue(MaskText(text))));
            }
        }
        foreach (var property in masked ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    public static string MaskText(string text) => PreviewToken().Replace(text, "$1" + Mask);

    [GeneratedRegex(@"(/preview/)[^/?#\s""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PreviewToken();
}
