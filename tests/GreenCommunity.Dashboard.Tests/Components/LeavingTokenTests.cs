using Bunit;
using GreenCommunity.Dashboard.Components;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>What a part reads on a click is cancelled when the part goes away, not left running for no one.</summary>
public sealed class LeavingTokenTests : BunitContext
{
    [Fact]
    public async Task SnapshotPart_Disposed_CancelsItsToken()
    {
        // Arrange
        var cut = Render<LeavingProbe>();
        var token = cut.Instance.Token;
        Assert.False(token.IsCancellationRequested);

        // Act
        await DisposeComponentsAsync();

        // Assert
        Assert.True(token.IsCancellationRequested);
    }

    /// <summary>A part that shows the token its reads would use.</summary>
    private sealed class LeavingProbe : SnapshotPart
    {
        public CancellationToken Token => Leaving;

        protected override IEnumerable<object?> Inputs => [];
    }
}
