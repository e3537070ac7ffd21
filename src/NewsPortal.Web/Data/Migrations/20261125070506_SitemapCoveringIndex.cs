using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SitemapCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Articles_Sitemap",
                table: "Articles",
                columns: new[] { "Id", "PublishedAt", "RevisedAt", "Slug", "Status", "OriginalUrl" },
                filter: "\"Status\" = 'Published' AND \"OriginalUrl\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Sitemap",
                table: "Articles");
        }
    }
}
