using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Data.Configurations;

public class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(200);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Headline).HasMaxLength(300);
        builder.Property(a => a.Dek).HasMaxLength(1000);
        builder.Property(a => a.Excerpt).HasMaxLength(2000);
        builder.Property(a => a.WireCredit).HasMaxLength(100);
        builder.Property(a => a.OriginalUrl).HasMaxLength(2000);
        builder.Property(a => a.ImportKey).HasMaxLength(500);
        builder.HasIndex(a => a.ImportKey).IsUnique().HasFilter("\"ImportKey\" IS NOT NULL");
        builder.HasIndex(a => a.OriginalUrl).HasFilter("\"OriginalUrl\" IS NOT NULL");
        builder.Property(a => a.HeroImageUrl).HasMaxLength(2000);
        builder.Property(a => a.HeroCaption).HasMaxLength(1000);
        builder.Property(a => a.HeroCredit).HasMaxLength(300);
        builder.Property(a => a.HeroAlt).HasMaxLength(500);
        builder.Property(a => a.Language).HasMaxLength(20);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.ToTable(t => t.HasTrigger(ArticleTagTriggers.OnArticleUpdate));

        // One index per reader listing: front page, section, author, and the scheduler's due query.
        builder.HasIndex(a => new { a.Status, a.PublishedAt });
        builder.HasIndex(a => new { a.SectionId, a.Status, a.PublishedAt });
        builder.HasIndex(a => new { a.AuthorId, a.Status, a.PublishedAt });
        builder.HasIndex(a => new { a.Kind, a.Status, a.PublishedAt });
        builder.HasIndex(a => a.TranslationGroup);
        // Sitemap pages list every published, non-syndicated article by id: this index covers them,
        // so SQLite never reads the wide article rows (whose publish time sits behind the body's
        // overflow pages). Partial, so no other query on Status can be planned onto it; the filtered
        // columns are in it too, or SQLite reads the row to check them.
        builder.HasIndex(a => new { a.Id, a.PublishedAt, a.RevisedAt, a.Slug, a.Status, a.OriginalUrl }, "IX_Articles_Sitemap")
            .HasFilter("\"Status\" = 'Published' AND \"OriginalUrl\" IS NULL");

        builder.HasOne(a => a.Author).WithMany(a => a.Articles).HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Section).WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Source).WithMany().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Media>().WithMany().HasForeignKey(a => a.HeroMediaId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> builder)
    {
        builder.HasKey(at => new { at.ArticleId, at.TagId });
        builder.HasIndex(at => new { at.TagId, at.ArticleId });

        // Tag pages: one ordered index range per tag. The copies are kept by the triggers named here
        // (created in the ArticleTagListingIndex migration), so every save path stays correct.
        builder.Property(at => at.ArticleStatus).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(at => new { at.TagId, at.ArticleStatus, at.ArticlePublishedAt, at.ArticleId });
        builder.ToTable(t =>
        {
            t.HasTrigger(ArticleTagTriggers.OnTagInsert);
            t.HasTrigger(ArticleTagTriggers.OnArticleUpdate);
        });
        builder.HasOne(at => at.Article).WithMany(a => a.Tags).HasForeignKey(at => at.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(at => at.Tag).WithMany().HasForeignKey(at => at.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ArticleSlugRedirectConfiguration : IEntityTypeConfiguration<ArticleSlugRedirect>
{
    public void Configure(EntityTypeBuilder<ArticleSlugRedirect> builder)
    {
        builder.Property(r => r.Slug).HasMaxLength(200);
        builder.HasIndex(r => r.Slug).IsUnique();
        builder.HasOne(r => r.Article).WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PreviewLinkConfiguration : IEntityTypeConfiguration<PreviewLink>
{
    public void Configure(EntityTypeBuilder<PreviewLink> builder)
    {
        builder.Property(p => p.TokenHash).HasMaxLength(64);
        builder.HasIndex(p => p.TokenHash).IsUnique();
        builder.HasOne(p => p.Article).WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>SQLite triggers that copy an article's status and publish time onto its ArticleTags rows.</summary>
public static class ArticleTagTriggers
{
    public const string OnTagInsert = "TR_ArticleTags_CopyArticleState";
    public const string OnArticleUpdate = "TR_Articles_CopyStateToTags";

    public const string CreateSql = $"""
        CREATE TRIGGER "{OnTagInsert}" AFTER INSERT ON "ArticleTags"
        BEGIN
            UPDATE "ArticleTags"
            SET ("ArticleStatus", "ArticlePublishedAt") = (SELECT "Status", "PublishedAt" FROM "Articles" WHERE "Id" = NEW."ArticleId")
            WHERE "ArticleId" = NEW."ArticleId" AND "TagId" = NEW."TagId";
        END;
        CREATE TRIGGER "{OnArticleUpdate}" AFTER UPDATE OF "Status", "PublishedAt" ON "Articles"
        WHEN OLD."Status" IS NOT NEW."Status" OR OLD."PublishedAt" IS NOT NEW."PublishedAt"
        BEGIN
            UPDATE "ArticleTags" SET "ArticleStatus" = NEW."Status", "ArticlePublishedAt" = NEW."PublishedAt"
            WHERE "ArticleId" = NEW."Id";
        END;
        """;

    public const string BackfillSql = """
        UPDATE "ArticleTags"
        SET ("ArticleStatus", "ArticlePublishedAt") =
            (SELECT "Status", "PublishedAt" FROM "Articles" WHERE "Articles"."Id" = "ArticleTags"."ArticleId");
        """;

    public const string DropSql = $"""
        DROP TRIGGER IF EXISTS "{OnTagInsert}";
        DROP TRIGGER IF EXISTS "{OnArticleUpdate}";
        """;
}

/// <summary>
/// PostgreSQL's twin of <see cref="ArticleTagTriggers"/> (same trigger names, so the model's trigger note holds for
/// both): a new tag row copies its article's state before it is written, and a change of an article's status or
/// publish time is copied to its tag rows.
/// </summary>
public static class PostgresArticleTagTriggers
{
    public const string CreateSql = $"""
        CREATE FUNCTION "{ArticleTagTriggers.OnTagInsert}"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            SELECT "Status", "PublishedAt" INTO NEW."ArticleStatus", NEW."ArticlePublishedAt"
            FROM "Articles" WHERE "Id" = NEW."ArticleId";
            RETURN NEW;
        END $$;
        CREATE TRIGGER "{ArticleTagTriggers.OnTagInsert}" BEFORE INSERT ON "ArticleTags"
            FOR EACH ROW EXECUTE FUNCTION "{ArticleTagTriggers.OnTagInsert}"();

        CREATE FUNCTION "{ArticleTagTriggers.OnArticleUpdate}"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE "ArticleTags" SET "ArticleStatus" = NEW."Status", "ArticlePublishedAt" = NEW."PublishedAt"
            WHERE "ArticleId" = NEW."Id";
            RETURN NULL;
        END $$;
        CREATE TRIGGER "{ArticleTagTriggers.OnArticleUpdate}" AFTER UPDATE OF "Status", "PublishedAt" ON "Articles"
            FOR EACH ROW WHEN (OLD."Status" IS DISTINCT FROM NEW."Status" OR OLD."PublishedAt" IS DISTINCT FROM NEW."PublishedAt")
            EXECUTE FUNCTION "{ArticleTagTriggers.OnArticleUpdate}"();
        """;

    public const string DropSql = $"""
        DROP TRIGGER IF EXISTS "{ArticleTagTriggers.OnArticleUpdate}" ON "Articles";
        DROP FUNCTION IF EXISTS "{ArticleTagTriggers.OnArticleUpdate}"();
        DROP TRIGGER IF EXISTS "{ArticleTagTriggers.OnTagInsert}" ON "ArticleTags";
        DROP FUNCTION IF EXISTS "{ArticleTagTriggers.OnTagInsert}"();
        """;
}
