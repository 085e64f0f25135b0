using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Data.Tests.Progress;

/// <summary>The timeline computed from events alone (no store): rows only where a county's figures change.</summary>
public sealed class CountyTimelineTests
{
    private static readonly Dictionary<string, int> s_sizes = new(StringComparer.Ordinal) { ["420102"] = 3, ["420103"] = 2, ["420104"] = 0 };

    [Fact]
    public void Build_NoEvents_OneBaseRowPerCountyWithCommunities()
    {
        // Act
        var rows = CountyTimeline.Build(s_sizes, []);

        // Assert
        Assert.Equal(
            [new("420102", CountyTimeline.BaseDay, new ProgressFigures(3, 3, 0, 0, 0, 0)), new("420103", CountyTimeline.BaseDay, new ProgressFigures(2, 2, 0, 0, 0, 0))],
            rows);
    }

    [Fact]
    public void Build_EventsInAnyOrder_OrderedByDayThenIdWithOneRowPerChangedDay()
    {
        // Arrange: a pilot, then in progress the same day by a later id; another community's pilot later, in another county too
        TimelineEvent[] events =
        [
            new("420102", "a", 2, "2022-05-10", 7),
            new("420103", "x", 2, "2022-06-01", 9),
            new("420102", "a", 1, "2022-05-10", 3),
            new("420102", "b", 1, "2022-06-01", 8),
        ];

        // Act
        var rows = CountyTimeline.Build(s_sizes, events);

        // Assert
        Assert.Equal(
        [
            new("420102", CountyTimeline.BaseDay, new ProgressFigures(3, 3, 0, 0, 0, 0)),
            new("420102", "2022-05-10", new ProgressFigures(3, 2, 0, 1, 0, 1)),
            new("420102", "2022-06-01", new ProgressFigures(3, 1, 1, 1, 0, 2)),
            new("420103", CountyTimeline.BaseDay, new ProgressFigures(2, 2, 0, 0, 0, 0)),
            new("420103", "2022-06-01", new ProgressFigures(2, 1, 0, 1, 0, 0)),
        ], rows);
    }

    [Fact]
    public void Build_DayThatChangesNoFigure_HasNoRow()
    {
        // Arrange: the same stage reported again, and two communities swapping stages on one day
        TimelineEvent[] events =
        [
            new("420102", "a", 2, "2022-03-01", 1),
            new("420102", "b", 1, "2022-03-01", 2),
            new("420102", "a", 2, "2022-04-01", 3),
            new("420102", "a", 1, "2022-05-01", 4),
            new("420102", "b", 2, "2022-05-01", 5),
        ];

        // Act
        var rows = CountyTimeline.Build(s_sizes, events).Where(r => r.County == "420102").Select(r => r.Day);

        // Assert: a's pilot on 05-01 is its first, so pilots ever still changes that day
        Assert.Equal([CountyTimeline.BaseDay, "2022-03-01", "2022-05-01"], rows);
    }

    [Fact]
    public void Build_AcceptedThenBackToInProgress_CountsTheStageOfTheLatestEvent()
    {
        // Arrange
        TimelineEvent[] events =
        [
            new("420103", "x", 2, "2022-03-01", 1),
            new("420103", "x", 3, "2022-04-01", 2),
            new("420103", "x", 2, "2022-05-01", 3),
        ];

        // Act
        var rows = CountyTimeline.Build(s_sizes, events).Where(r => r.County == "420103").Select(r => (r.Day, r.Figures.InProgress, r.Figures.Accepted));

        // Assert
        Assert.Equal([(CountyTimeline.BaseDay, 0, 0), ("2022-03-01", 1, 0), ("2022-04-01", 0, 1), ("2022-05-01", 1, 0)], rows);
    }
}
