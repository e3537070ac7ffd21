using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SourceFeedIngestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConsecutiveFailures",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DefaultAuthorId",
                table: "Sources",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DefaultSectionId",
                table: "Sources",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeedETag",
                table: "Sources",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FeedEnabled",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "FeedLastModified",
                table: "Sources",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ItemsAddedLastPoll",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ItemsAddedTotal",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Sources",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastPolledAt",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSucceededAt",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextPollAt",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PollMinutes",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<bool>(
                name: "PublishItems",
                table: "Sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Sources_DefaultAuthorId",
                table: "Sources",
                column: "DefaultAuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_DefaultSectionId",
                table: "Sources",
                column: "DefaultSectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_NextPollAt",
                table: "Sources",
                column: "NextPollAt");

            migrationBuilder.AddForeignKey(
                name: "FK_Sources_Authors_DefaultAuthorId",
                table: "Sources",
                column: "DefaultAuthorId",
                principalTable: "Authors",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Sources_Sections_DefaultSectionId",
                table: "Sources",
                column: "DefaultSectionId",
                principalTable: "Sections",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Sources_Authors_DefaultAuthorId",
                table: "Sources");

            migrationBuilder.DropForeignKey(
                name: "FK_Sources_Sections_DefaultSectionId",
                table: "Sources");

            migrationBuilder.DropIndex(
                name: "IX_Sources_DefaultAuthorId",
                table: "Sources");

            migrationBuilder.DropIndex(
                name: "IX_Sources_DefaultSectionId",
                table: "Sources");

            migrationBuilder.DropIndex(
                name: "IX_Sources_NextPollAt",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "ConsecutiveFailures",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "DefaultAuthorId",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "DefaultSectionId",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "FeedETag",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "FeedEnabled",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "FeedLastModified",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "ItemsAddedLastPoll",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "ItemsAddedTotal",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "LastPolledAt",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "LastSucceededAt",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "NextPollAt",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "PollMinutes",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "PublishItems",
                table: "Sources");
        }
    }
}
