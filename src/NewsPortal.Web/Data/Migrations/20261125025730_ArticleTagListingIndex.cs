using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NewsPortal.Web.Data.Configurations;

#nullable disable

namespace NewsPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArticleTagListingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArticlePublishedAt",
                table: "ArticleTags",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArticleStatus",
                table: "ArticleTags",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Copy each article's state onto its tag rows now, and keep it copied from here on.
            migrationBuilder.Sql(ArticleTagTriggers.BackfillSql);
            migrationBuilder.Sql(ArticleTagTriggers.CreateSql);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTags_TagId_ArticleStatus_ArticlePublishedAt_ArticleId",
                table: "ArticleTags",
                columns: new[] { "TagId", "ArticleStatus", "ArticlePublishedAt", "ArticleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ArticleTagTriggers.DropSql);

            migrationBuilder.DropIndex(
                name: "IX_ArticleTags_TagId_ArticleStatus_ArticlePublishedAt_ArticleId",
                table: "ArticleTags");

            migrationBuilder.DropColumn(
                name: "ArticlePublishedAt",
                table: "ArticleTags");

            migrationBuilder.DropColumn(
                name: "ArticleStatus",
                table: "ArticleTags");
        }
    }
}
