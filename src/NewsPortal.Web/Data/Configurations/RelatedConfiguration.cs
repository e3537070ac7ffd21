using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Data.Configurations;

public class RelatedLinkConfiguration : IEntityTypeConfiguration<RelatedLink>
{
    public void Configure(EntityTypeBuilder<RelatedLink> builder)
    {
        builder.HasIndex(r => new { r.ArticleId, r.RelatedArticleId }).IsUnique();
        builder.HasIndex(r => new { r.ArticleId, r.Position });
        builder.HasIndex(r => r.RelatedArticleId);
        builder.ToTable(t => t.HasCheckConstraint("CK_RelatedLinks_NotSelf", "\"ArticleId\" <> \"RelatedArticleId\""));
        builder.HasOne(r => r.Article).WithMany(a => a.RelatedLinks).HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.RelatedArticle).WithMany().HasForeignKey(r => r.RelatedArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AutomaticRelatedLinkConfiguration : IEntityTypeConfiguration<AutomaticRelatedLink>
{
    public void Configure(EntityTypeBuilder<AutomaticRelatedLink> builder)
    {
        builder.HasKey(r => new { r.ArticleId, r.RelatedArticleId });
        builder.HasIndex(r => new { r.ArticleId, r.Position });
        builder.HasIndex(r => r.RelatedArticleId);
        builder.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.RelatedArticle).WithMany().HasForeignKey(r => r.RelatedArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class RelatedExclusionConfiguration : IEntityTypeConfiguration<RelatedExclusion>
{
    public void Configure(EntityTypeBuilder<RelatedExclusion> builder)
    {
        builder.HasKey(r => new { r.ArticleId, r.ExcludedArticleId });
        builder.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Article>().WithMany().HasForeignKey(r => r.ExcludedArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
