using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsPortal.Web.Data.Migrations
{
    /// <summary>
    /// The full-text index behind /search and automatic related articles: an FTS5 table whose rowid
    /// is Articles.Id. The trigram tokenizer finds Korean words inside longer Hangul runs (대북 in
    /// 대북정책은) and English substrings alike; it is filled and kept in step by SearchIndexer.
    /// </summary>
    public partial class AddArticleSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE IF NOT EXISTS \"ArticleSearch\" USING fts5(" +
                "headline, dek, body, tags, author, tokenize = 'trigram');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"ArticleSearch\";");
        }
    }
}
