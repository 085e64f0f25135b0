using GreenCommunity.Dashboard.Localization;

namespace GreenCommunity.Dashboard.Tests.Localization;

public sealed class UnbrokenDatesTests
{
    [Fact]
    public void Markup_SentenceWithADayAndAMonth_WrapsEachInAnUnbreakableSpan()
    {
        // Act
        var markup = UnbrokenDates.Markup("As of 2026-11-30, report of 2026-11").Value;

        // Assert
        Assert.Equal("As of <span class=\"date\">2026-11-30</span>, report of <span class=\"date\">2026-11</span>", markup);
    }

    [Fact]
    public void Markup_TextWithMarkup_IsEncodedNotRendered()
    {
        // Act
        var markup = UnbrokenDates.Markup("<b>2022-06-30</b> & more").Value;

        // Assert: the text's own tags are shown as text; only the date's span is markup.
        Assert.Equal("&lt;b&gt;<span class=\"date\">2022-06-30</span>&lt;/b&gt; &amp; more", markup);
    }
}
