using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace NewsPortal.Web.Features.Transfer;

/// <summary>
/// The tables of the portal export, read from the EF Core model rather than listed by hand: every entity
/// type is a table, every mapped property a column, so a table or column added later travels without a
/// change here (and the export tests fail for a kind of property this class cannot carry).
/// </summary>
public sealed class PortalTable
{
    private PortalTable(IEntityType entityType, string name, IReadOnlyList<PortalColumn> columns, IReadOnlyList<string> principals)
    {
        EntityType = entityType;
        Name = name;
        Columns = columns;
        Principals = principals;
    }

    public IEntityType EntityType { get; }

    /// <summary>The table's name in the database and in the export file.</summary>
    public string Name { get; }

    public IReadOnlyList<PortalColumn> Columns { get; }

    /// <summary>The tables this one's foreign keys point at (itself excluded): they come first in the file.</summary>
    public IReadOnlyList<string> Principals { get; }

    /// <summary>Staff accounts: the Identity tables (users with their password hashes, roles, claims, logins, tokens).</summary>
    public bool IsStaffAccounts =>
        typeof(IdentityUser).IsAssignableFrom(EntityType.ClrType) || EntityType.ClrType.Assembly == typeof(IdentityUser).Assembly;

    /// <summary>The staff accounts themselves; the other Identity tables hold only the roles every start creates until there are users.</summary>
    public bool IsUsers => typeof(IdentityUser).IsAssignableFrom(EntityType.ClrType);

    public bool IsAudit => Name == "AuditEntries";

    public PortalColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>Every table of the model, each after the tables it refers to (ties by name, so the order is stable).</summary>
    public static IReadOnlyList<PortalTable> InDependencyOrder(IModel model)
    {
        var tables = model.GetEntityTypes().Select(From).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var ordered = new List<PortalTable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            var next = tables.Values
                .Where(t => !placed.Contains(t.Name) && t.Principals.All(p => placed.Contains(p) || !tables.ContainsKey(p)))
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .FirstOrDefault()
                ?? throw new NotSupportedException("The model's foreign keys form a cycle between tables; the export cannot order them.");
            ordered.Add(next);
            placed.Add(next.Name);
        }
        return ordered;
    }

    private static PortalTable From(IEntityType entityType)
    {
        if (entityType.IsOwned() || entityType.HasSharedClrType || entityType.BaseType is not null || entityType.GetDerivedTypes().Any())
        {
            throw new NotSupportedException($"Entity type {entityType.DisplayName()} is owned, shared or in a hierarchy; the portal export carries plain tables only.");
        }
        var name = entityType.GetTableName()
            ?? throw new NotSupportedException($"Entity type {entityType.DisplayName()} is not mapped to a table; the portal export carries tables only.");
        var table = StoreObjectIdentifier.Table(name, entityType.GetSchema());
        var columns = entityType.GetProperties().Select(p => PortalColumn.From(p, table)).ToList();
        var principals = entityType.GetForeignKeys()
            .Select(fk => fk.PrincipalEntityType.GetTableName()!)
            .Where(p => p != name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new PortalTable(entityType, name, columns, principals);
    }
}

/// <summary>One column: how its value is read from an entity, written to JSON and read back.</summary>
public sealed class PortalColumn
{
    private static readonly Type[] Carried =
    [
        typeof(string), typeof(bool), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(double), typeof(float),
        typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan),
        typeof(Guid), typeof(byte[]),
    ];

    private readonly PropertyInfo? _propertyInfo;
    private readonly FieldInfo? _fieldInfo;

    private PortalColumn(IProperty property, string columnName, Type valueType)
    {
        Property = property;
        Name = property.Name;
        ColumnName = columnName;
        ValueType = valueType;
        _propertyInfo = property.PropertyInfo;
        _fieldInfo = property.FieldInfo;
    }

    public IProperty Property { get; }

    /// <summary>The property's name: the key in the export file's rows.</summary>
    public string Name { get; }

    public string ColumnName { get; }

    /// <summary>The CLR type without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType { get; }

    public static PortalColumn From(IProperty property, StoreObjectIdentifier table)
    {
        var where = $"{property.DeclaringType.DisplayName()}.{property.Name}";
        if (property.IsShadowProperty())
        {
            throw new NotSupportedException($"{where} is a shadow property; the portal export reads the entity's own properties only.");
        }
        var valueType = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (!valueType.IsEnum && !Carried.Contains(valueType))
        {
            throw new NotSupportedException($"{where} is a {valueType.Name}; the portal export carries no values of that type yet.");
        }
        var column = property.GetColumnName(table)
            ?? throw new NotSupportedException($"{where} has no column in table {table.Name}.");
        return new PortalColumn(property, column, valueType);
    }

    public object? ValueOf(object entity) => _propertyInfo is not null ? _propertyInfo.GetValue(entity) : _fieldInfo!.GetValue(entity);

    /// <summary>Writes the CLR value: times in ISO 8601 (round-trip), enums by name, bytes in base64.</summary>
    public void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case short number: writer.WriteNumberValue(number); break;
            case byte number: writer.WriteNumberValue(number); break;
            case double number: writer.WriteNumberValue(number); break;
            case float number: writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteNumberValue(number); break;
            case DateTime time: writer.WriteStringValue(time); break;
            case DateTimeOffset time: writer.WriteStringValue(time); break;
            case DateOnly date: writer.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeOnly time: writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeSpan span: writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); break;
            case Guid guid: writer.WriteStringValue(guid); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case Enum item: writer.WriteStringValue(item.ToString()); break;
            default: throw new NotSupportedException($"{Name}: no JSON form for {value.GetType().Name}.");
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; a value of the wrong kind throws <see cref="FormatException"/>.</summary>
    public object? Read(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (!Property.IsNullable)
            {
                throw new FormatException("null where a value is required");
            }
            return null;
        }
        try
        {
            var t = ValueType;
            return t.IsEnum ? Enum.Parse(t, element.GetString() ?? "", ignoreCase: false)
                : t == typeof(string) ? element.GetString()
                : t == typeof(bool) ? element.GetBoolean()
                : t == typeof(int) ? element.GetInt32()
                : t == typeof(long) ? element.GetInt64()
                : t == typeof(short) ? element.GetInt16()
                : t == typeof(byte) ? element.GetByte()
                : t == typeof(double) ? element.GetDouble()
                : t == typeof(float) ? element.GetSingle()
                : t == typeof(decimal) ? element.GetDecimal()
                : t == typeof(DateTime) ? element.GetDateTime()
                : t == typeof(DateTimeOffset) ? element.GetDateTimeOffset()
                : t == typeof(DateOnly) ? DateOnly.ParseExact(element.GetString()!, "O", CultureInfo.InvariantCulture)
                : t == typeof(TimeOnly) ? TimeOnly.ParseExact(element.GetString()!, "O", CultureInfo.InvariantCulture)
                : t == typeof(TimeSpan) ? TimeSpan.ParseExact(element.GetString()!, "c", CultureInfo.InvariantCulture)
                : t == typeof(Guid) ? element.GetGuid()
                : t == typeof(byte[]) ? element.GetBytesFromBase64()
                : throw new NotSupportedException(t.Name);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new FormatException($"{element.ValueKind} where a {ValueType.Name} belongs", e);
        }
    }
}

/// <summary>Runs a generic method for an entity type known only at run time (EF's <c>Set&lt;T&gt;()</c> needs the type).</summary>
internal static class EntitySets
{
    public static IQueryable<object> Rows(DbContext db, IEntityType entityType)
    {
        var method = typeof(EntitySets).GetMethod(nameof(RowsOf), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(entityType.ClrType);
        return (IQueryable<object>)method.Invoke(null, [db, entityType])!;
    }

    private static IQueryable<object> RowsOf<T>(DbContext db, IEntityType entityType)
        where T : class
    {
        IQueryable<T> query = db.Set<T>().AsNoTracking();
        var key = entityType.FindPrimaryKey();
        if (key is not null)
        {
            IOrderedQueryable<T>? ordered = null;
            foreach (var property in key.Properties)
            {
                var keySelector = typeof(EntitySets).GetMethod(nameof(OrderByProperty), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(typeof(T), property.ClrType);
                ordered = (IOrderedQueryable<T>)keySelector.Invoke(null, [ordered ?? query, property.Name, ordered is not null])!;
            }
            query = ordered ?? query;
        }
        return query;
    }

    private static IOrderedQueryable<T> OrderByProperty<T, TKey>(IQueryable<T> query, string name, bool thenBy)
    {
        System.Linq.Expressions.Expression<Func<T, TKey>> selector = e => EF.Property<TKey>(e!, name);
        return thenBy ? ((IOrderedQueryable<T>)query).ThenBy(selector) : query.OrderBy(selector);
    }
}
