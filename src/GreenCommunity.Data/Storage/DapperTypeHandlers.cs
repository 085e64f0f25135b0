using System.Data;
using System.Globalization;
using Dapper;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// Dates are stored as ISO text so that SQLite compares them in order: a day as <c>2022-06-30</c>, an instant as
/// <c>2022-06-30T02:00:00.000+00:00</c> (milliseconds, with the offset it was given). Dapper writes DateOnly and
/// DateTimeOffset parameters and reads such columns through these handlers, so queries pass the values as they are.
/// Registered once per process by <see cref="StoreDatabase"/>.
/// </summary>
public static class DapperTypeHandlers
{
    /// <summary>The text of an instant (its offset kept, so callers that want UTC convert first).</summary>
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

    private static readonly Lock s_lock = new();
    private static bool s_registered;

    /// <summary>Registers the handlers; calling it again does nothing.</summary>
    public static void Register()
    {
        lock (s_lock)
        {
            if (s_registered)
            {
                return;
            }
            // Dapper consults its built-in type map before any handler, for parameters and for reading
            // (DateTimeOffset would go to the provider as DbType.DateTimeOffset, which Microsoft.Data.Sqlite writes as
            // "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz"), so the built-in entries are removed first.
            foreach (var type in new[] { typeof(DateOnly), typeof(DateOnly?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(bool), typeof(bool?) })
            {
                SqlMapper.RemoveTypeMap(type);
            }
            SqlMapper.AddTypeHandler(new DayHandler());
            SqlMapper.AddTypeHandler(new InstantHandler());
            SqlMapper.AddTypeHandler(new FlagHandler());
            s_registered = true;
        }
    }

    private sealed class DayHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = IsoDay.Text(value);
        }

        public override DateOnly Parse(object value) => DateOnly.ParseExact((string)value, IsoDay.Format, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Flags are 0/1 integers on both engines (SQLite has no boolean; PostgreSQL will not put a boolean in an integer
    /// column), so a bool parameter is sent as 0 or 1, and a flag is read from an integer or from a boolean expression.
    /// </summary>
    private sealed class FlagHandler : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value ? 1L : 0L;
        }

        public override bool Parse(object value) => Convert.ToBoolean(value, CultureInfo.InvariantCulture);
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString(InstantFormat, CultureInfo.InvariantCulture);
        }

        public override DateTimeOffset Parse(object value) => DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }
}
