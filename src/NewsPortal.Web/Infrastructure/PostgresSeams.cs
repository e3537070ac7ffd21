using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPortal.Web.Features.Articles;
using NewsPortal.Web.Features.Articles.Postgres;
using NewsPortal.Web.Features.Related;
using NewsPortal.Web.Features.Related.Postgres;
using NewsPortal.Web.Features.Search;
using NewsPortal.Web.Features.Search.Postgres;
using NewsPortal.Web.Features.Shared;
using NewsPortal.Web.Features.Shared.Postgres;
using NewsPortal.Web.Features.Sitemaps;
using NewsPortal.Web.Features.Sitemaps.Postgres;
using NewsPortal.Web.Features.Transfer;
using NewsPortal.Web.Features.Transfer.Postgres;
using NewsPortal.Web.Operations.Generator;
using NewsPortal.Web.Operations.Generator.Postgres;

namespace NewsPortal.Web.Infrastructure;

/// <summary>PostgreSQL's implementation of every database seam (docs/architecture.md), replacing SQLite's.</summary>
public static class PostgresSeams
{
    public static IServiceCollection AddPostgresSeams(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<IListingIds, PostgresListingIds>());
        services.Replace(ServiceDescriptor.Scoped<ISitemapPages, PostgresSitemapPages>());
        services.Replace(ServiceDescriptor.Scoped<ISearchIndex, PostgresSearchIndex>());
        services.Replace(ServiceDescriptor.Scoped<ISearchQueries, PostgresSearchQueries>());
        services.Replace(ServiceDescriptor.Scoped<IRelatedTexts, PostgresRelatedTexts>());
        services.Replace(ServiceDescriptor.Scoped<IPlannerStatistics, PostgresPlannerStatistics>());
        services.Replace(ServiceDescriptor.Scoped<IBulkArticleWriter, PostgresBulkArticleWriter>());
        services.Replace(ServiceDescriptor.Singleton<IReadSnapshot, PostgresReadSnapshot>());
        services.Replace(ServiceDescriptor.Scoped<IDatabaseBackup, PostgresDatabaseBackup>());
        services.Replace(ServiceDescriptor.Scoped<IIdentitySequences, PostgresIdentitySequences>());
        return services;
    }
}
