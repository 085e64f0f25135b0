using System.Text.Json;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Domain.Tests;

public sealed class ApiNamesTests
{
    [Theory]
    [InlineData(Stage.NotStarted, "not_started")]
    [InlineData(Stage.Pilot, "pilot")]
    [InlineData(Stage.InProgress, "in_progress")]
    [InlineData(Stage.Accepted, "accepted")]
    public void Stage_InJson_IsItsApiName(Stage stage, string name)
    {
        // Act
        var json = JsonSerializer.Serialize(stage);
        var read = JsonSerializer.Deserialize<Stage>(json);

        // Assert
        Assert.Equal($"\"{name}\"", json);
        Assert.Equal(name, stage.ToApiName());
        Assert.Equal(stage, read);
    }

    [Theory]
    [InlineData(ReportKind.Monthly, "monthly")]
    [InlineData(ReportKind.Annual, "annual")]
    [InlineData(ReportKind.Plan, "plan")]
    public void ReportKind_InJsonAndAsText_IsItsApiName(ReportKind kind, string name)
    {
        // Act
        var json = JsonSerializer.Serialize(kind);
        var parsed = ReportKindNames.TryParseApiName(name, out var result);

        // Assert
        Assert.Equal($"\"{name}\"", json);
        Assert.Equal(name, kind.ToApiName());
        Assert.True(parsed);
        Assert.Equal(kind, result);
    }

    [Fact]
    public void Stage_Nullable_InJsonIsItsApiNameOrNull() =>
        Assert.Equal("""[null,"in_progress"]""", JsonSerializer.Serialize(new Stage?[] { null, Stage.InProgress }));

    [Theory]
    [InlineData("InProgress")]
    [InlineData("IN_PROGRESS")]
    [InlineData("inprogress")]
    [InlineData(" in_progress")]
    [InlineData("in_progress, pilot")]
    [InlineData("2")]
    [InlineData("")]
    public void TryParseApiName_AnythingButTheExactName_Fails(string name) => Assert.False(StageNames.TryParseApiName(name, out _));

    [Theory]
    [InlineData("Monthly")]
    [InlineData("monthly ")]
    [InlineData("0")]
    [InlineData(null)]
    public void ReportKindTryParseApiName_AnythingButTheExactName_Fails(string? name) => Assert.False(ReportKindNames.TryParseApiName(name, out _));

    [Fact]
    public void UndefinedValue_HasNoName()
    {
        // Arrange
        var undefined = (Stage)7;

        // Act & Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.ToApiName());
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(undefined));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Stage>("2"));
    }
}
