using GreenCommunity.Data.Communities;

namespace GreenCommunity.Data.Tests.Communities;

/// <summary>A report's lateness reads the same on the community and report pages as in the compliance grid: whole China days.</summary>
public sealed class CommunityReportEntryTests
{
    private static readonly DateTimeOffset s_deadline = new(2026, 10, 25, 23, 59, 59, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2026-10-25T23:59:59+08:00", null)]
    [InlineData("2026-10-26T00:00:00+08:00", 1)]   // ten seconds' lateness is a day late, not "1 minute"
    [InlineData("2026-10-26T09:00:00+08:00", 1)]
    [InlineData("2026-10-29T09:28:00+08:00", 4)]   // was "3 days" counted as elapsed time, while the grid said 4
    [InlineData("2026-10-29T01:28:00Z", 4)]        // the same instant in UTC
    public void DaysLate_CountsChinaCalendarDaysAfterTheDeadlinesDay(string received, int? expected)
    {
        // Arrange
        var receivedAt = DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture);
        var entry = new CommunityReportEntry("r", "monthly", "2026-10", receivedAt, s_deadline, receivedAt <= s_deadline, false,
            new DateOnly(2026, 10, 20), null, 0);

        // Act / Assert
        Assert.Equal(expected, entry.DaysLate);
    }

    [Fact]
    public void DaysLate_ByTheProvince_IsNeverLate()
    {
        var entry = new CommunityReportEntry("r", "monthly", "2026-10", s_deadline.AddDays(9), s_deadline, false, true, new DateOnly(2026, 10, 20), null, 0);

        Assert.Null(entry.DaysLate);
    }
}
