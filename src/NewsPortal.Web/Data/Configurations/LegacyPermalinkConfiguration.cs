using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Data.Configurations;

public class LegacyPermalinkConfiguration : IEntityTypeConfiguration<LegacyPermalink>
{
    public void Configure(EntityTypeBuilder<LegacyPermalink> builder)
    {
        builder.Property(p => p.Path).HasMaxLength(LegacyPermalinkLimits.MaxPathLength);
        // A 404 costs one lookup on this index, nothing more.
        builder.HasIndex(p => p.Path).IsUnique();
        builder.HasIndex(p => p.ArticleId);
        builder.HasOne(p => p.Article).WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class LegacyPermalinkLimits
{
    public const int MaxPathLength = 1000;
}
