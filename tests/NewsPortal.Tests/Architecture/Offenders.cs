// Small types that each break one layering rule, so LayeringTests can show every rule fails and names them.
// They are never used; only their references matter.

namespace NewsPortal.Tests.Architecture.Offenders
{
    public static class Marker
    {
    }
}

namespace NewsPortal.Tests.Architecture.Offenders.Domain
{
    public sealed class EntityWithAContext
    {
        public Microsoft.EntityFrameworkCore.DbContext? Context { get; set; }
    }
}

namespace NewsPortal.Tests.Architecture.Offenders.Data
{
    public sealed class NewsPortalDbContext
    {
    }

    public sealed class ContextThatCallsAFeature
    {
        public Features.Search.ServiceThatReturnsAnActionResult? Service { get; set; }
    }
}

namespace NewsPortal.Tests.Architecture.Offenders.Features.Search
{
    public sealed class ServiceThatReturnsAnActionResult
    {
        public Microsoft.AspNetCore.Mvc.IActionResult? Result { get; set; }
    }

    public sealed class ServiceWithSqliteParameters
    {
        public Microsoft.Data.Sqlite.SqliteParameter? Parameter { get; set; }
    }

    public sealed class ServiceWithNpgsqlParameters
    {
        public Npgsql.NpgsqlParameter? Parameter { get; set; }
    }
}

namespace NewsPortal.Tests.Architecture.Offenders.Features.Search.Postgres
{
    public sealed class PostgresSearchIndex
    {
        public Npgsql.NpgsqlParameter? Parameter { get; set; }
    }
}

namespace NewsPortal.Tests.Architecture.Offenders.Features.Search.Sqlite
{
    public sealed class SqliteSearchIndex
    {
        public Microsoft.Data.Sqlite.SqliteParameter? Parameter { get; set; }
    }
}

namespace NewsPortal.Tests.Architecture.Offenders.Controllers
{
    public sealed class ControllerThatTakesTheContext
    {
        public Data.NewsPortalDbContext? Context { get; set; }
    }
}

namespace NewsPortal.Tests.Architecture.Offenders.Areas.Admin
{
    public sealed class AdminOnlyModel
    {
    }
}

namespace NewsPortal.Tests.Architecture.Offenders.Mvc
{
    public sealed class FilterThatUsesTheAdminArea
    {
        public Areas.Admin.AdminOnlyModel? Model { get; set; }
    }
}
