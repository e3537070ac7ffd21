using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Data.Configurations;

public class MediaConfiguration : IEntityTypeConfiguration<Media>
{
    public void Configure(EntityTypeBuilder<Media> builder)
    {
        builder.Property(m => m.FileName).HasMaxLength(255);
        builder.Property(m => m.OriginalName).HasMaxLength(255);
        builder.Property(m => m.ContentType).HasMaxLength(100);
        builder.Property(m => m.AltText).HasMaxLength(500);
        builder.Property(m => m.Credit).HasMaxLength(300);
        builder.Property(m => m.Caption).HasMaxLength(1000);
        builder.Property(m => m.StoragePath).HasMaxLength(500);
        builder.Property(m => m.UploadedBy).HasMaxLength(256);
        builder.Property(m => m.UploadedByUserId).HasMaxLength(450);
        builder.Property(m => m.Version).HasDefaultValue(1);
        builder.Property(m => m.FocalX).HasDefaultValue(0.5);
        builder.Property(m => m.FocalY).HasDefaultValue(0.5);
        builder.HasIndex(m => m.UploadedAt);
    }
}
