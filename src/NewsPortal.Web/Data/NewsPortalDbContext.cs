using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Data;

/// <summary>The portal's database; SQLite by default, with <see cref="PostgresNewsPortalDbContext"/> as its PostgreSQL twin.</summary>
public class NewsPortalDbContext : IdentityDbContext<ApplicationUser>
{
    public NewsPortalDbContext(DbContextOptions<NewsPortalDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own subclass, whose migrations are its own.</summary>
    protected NewsPortalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<RelatedLink> RelatedLinks => Set<RelatedLink>();
    public DbSet<AutomaticRelatedLink> AutomaticRelatedLinks => Set<AutomaticRelatedLink>();
    public DbSet<RelatedExclusion> RelatedExclusions => Set<RelatedExclusion>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Media> Media => Set<Media>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<DerivedWork> DerivedWork => Set<DerivedWork>();
    public DbSet<ArticleSlugRedirect> ArticleSlugRedirects => Set<ArticleSlugRedirect>();
    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();
    public DbSet<LegacyPermalink> LegacyPermalinks => Set<LegacyPermalink>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(NewsPortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite forgets the kind, so restore it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
