using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Data.Configurations;

public class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        // The job's name is the key: two replicas inserting the first lease of a job cannot both succeed.
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}
