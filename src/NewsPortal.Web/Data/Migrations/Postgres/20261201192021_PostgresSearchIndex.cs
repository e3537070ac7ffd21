using Microsoft.EntityFrameworkCore.Migrations;
using NewsPortal.Web.Data.Configurations;

#nullable disable

namespace NewsPortal.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The full-text index behind /search on PostgreSQL, the twin of SQLite's AddArticleSearchIndex: the table
    /// ArticleSearch with a weighted tsvector (simple configuration) and a pg_trgm index for Korean, see
    /// <see cref="PostgresSearchSchema"/>. Filled and kept in step by SearchIndexer.
    /// </summary>
    public partial class PostgresSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresSearchSchema.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresSearchSchema.DropSql);
        }
    }
}
