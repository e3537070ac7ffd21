using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Data;
using NewsPortal.Web.Features.Editorial;

namespace NewsPortal.Tests.Architecture;

/// <summary>
/// SQLite stores a text of any length in a varchar(100) column; PostgreSQL refuses it, and the editor would get a
/// 500 instead of a form error. So no edit form lets through more than the column it is saved into holds.
/// </summary>
[Trait("Database", "None")]
public class FormLimitsTests
{
    public static TheoryData<Type> EditModels => new()
    {
        typeof(ArticleEditModel),
        typeof(AuthorEditModel),
        typeof(SectionEditModel),
        typeof(TagEditModel),
        typeof(SourceEditModel),
    };

    [Theory]
    [MemberData(nameof(EditModels))]
    public void An_edit_form_allows_no_longer_text_than_the_column_it_is_saved_into(Type model)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var db = new NewsPortalDbContext(new DbContextOptionsBuilder<NewsPortalDbContext>().UseSqlite(connection).Options);
        var entityName = model.Name[..^"EditModel".Length];
        var entity = db.Model.GetEntityTypes().Single(e => e.ClrType.Name == entityName);

        var checkedFields = 0;
        foreach (var field in model.GetProperties())
        {
            if (field.GetCustomAttribute<StringLengthAttribute>() is not { } limit || entity.FindProperty(field.Name)?.GetMaxLength() is not { } column)
            {
                continue;
            }
            checkedFields++;
            Assert.True(limit.MaximumLength <= column,
                $"{model.Name}.{field.Name} accepts {limit.MaximumLength} characters; {entityName}.{field.Name} holds {column}.");
        }
        Assert.True(checkedFields > 0, $"{model.Name} has no length-limited field saved into a {entityName} column of the same name");
    }
}
