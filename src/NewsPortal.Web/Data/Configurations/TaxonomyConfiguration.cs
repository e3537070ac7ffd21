using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Data.Configurations;

public class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(100);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.ColumnName).HasMaxLength(200);
        builder.Property(a => a.PhotoUrl).HasMaxLength(2000);
        builder.HasIndex(a => a.UserId);
    }
}

public class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(100);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}

public class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.Property(t => t.Slug).HasMaxLength(100);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(100);
    }
}

public class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(100);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.HomepageUrl).HasMaxLength(2000);
        builder.Property(s => s.FeedUrl).HasMaxLength(2000);
        builder.Property(s => s.PollMinutes).HasDefaultValue(60);
        builder.Property(s => s.LastError).HasMaxLength(2000);
        builder.Property(s => s.FeedETag).HasMaxLength(500);
        builder.Property(s => s.FeedLastModified).HasMaxLength(100);
        // Deleting a section or author a feed files under pauses nothing by itself: the feed form asks for new defaults.
        builder.HasOne(s => s.DefaultSection).WithMany().HasForeignKey(s => s.DefaultSectionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(s => s.DefaultAuthor).WithMany().HasForeignKey(s => s.DefaultAuthorId).OnDelete(DeleteBehavior.SetNull);
        // The poller's question every half minute: which enabled feeds are due.
        builder.HasIndex(s => s.NextPollAt);
    }
}
