using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsPortal.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL's listing indexes with the article id in them. SQLite's (…, Status, PublishedAt) indexes hold the
    /// rowid, which is the id, so its listings page through the index alone; PostgreSQL's hold a heap pointer only,
    /// so the same indexes would visit every skipped row for its id and sort ties by id afterwards. With "Id" as the
    /// last key the newest-first order (PublishedAt DESC, Id DESC) is a backward Index Only Scan, and the author
    /// index INCLUDEs "Kind" so a columnist's latest columns are read from it too. Raw SQL, PostgreSQL-only: the
    /// model (shared with SQLite) keeps its indexes; these sit beside them.
    /// </summary>
    [DbContext(typeof(PostgresNewsPortalDbContext))]
    [Migration("20261201193000_ListingIndexesWithId")]
    public partial class ListingIndexesWithId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Articles_Listing_Home" ON "Articles" ("Status", "PublishedAt", "Id");
                CREATE INDEX "IX_Articles_Listing_Section" ON "Articles" ("SectionId", "Status", "PublishedAt", "Id");
                CREATE INDEX "IX_Articles_Listing_Author" ON "Articles" ("AuthorId", "Status", "PublishedAt", "Id") INCLUDE ("Kind");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_Articles_Listing_Home";
                DROP INDEX IF EXISTS "IX_Articles_Listing_Section";
                DROP INDEX IF EXISTS "IX_Articles_Listing_Author";
                """);
        }
    }
}
