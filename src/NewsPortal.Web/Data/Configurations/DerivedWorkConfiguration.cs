using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Data.Configurations;

public class DerivedWorkConfiguration : IEntityTypeConfiguration<DerivedWork>
{
    public void Configure(EntityTypeBuilder<DerivedWork> builder)
    {
        // Keyed by the article, so enqueueing an article already pending is an upsert on one row (the coalescing).
        // No foreign key: the work for a deleted article (removing it from the index) outlives the article.
        builder.ToTable("DerivedWork");
        builder.HasKey(w => w.ArticleId);
        builder.Property(w => w.ArticleId).ValueGeneratedNever();
        builder.Property(w => w.LeasedBy).HasMaxLength(200);
        builder.Property(w => w.LastError).HasMaxLength(1000);
        // The worker's look-up of due work, and readiness's oldest age.
        builder.HasIndex(w => w.DueAt);
        builder.HasIndex(w => w.EnqueuedAt);
    }
}
