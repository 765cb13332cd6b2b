using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Moderation;

public class WatchedWordsTests
{
    static bool Matches(string text, string phrase) => WatchedWords.Contains(WatchedWords.Fold(text), phrase);

    [Theory]
    [InlineData("Connard")]
    [InlineData("CONNARD")]
    [InlineData("connârd")]
    [InlineData("CONNÂRD")]
    [InlineData("quel connard.")]
    public void A_word_matches_whatever_its_capitals_and_accents(string text) => Assert.True(Matches(text, "connard"));

    [Fact]
    public void An_accented_phrase_matches_the_text_written_without_accents() => Assert.True(Matches("une deputee", "députée"));

    [Theory]
    [InlineData("computer")]
    [InlineData("députée")]
    [InlineData("disputes")]
    [InlineData("pute2")]
    public void A_word_inside_another_word_does_not_match(string text) => Assert.False(Matches(text, "pute"));

    [Theory]
    [InlineData("l'connard")]
    [InlineData("l’connard")]
    [InlineData("(connard)")]
    [InlineData("«connard»")]
    [InlineData("connard!")]
    [InlineData("connard,toi")]
    [InlineData("\"connard\"")]
    [InlineData("-connard-")]
    public void Punctuation_and_apostrophes_are_word_boundaries(string text) => Assert.True(Matches(text, "connard"));

    [Theory]
    [InlineData("t'es un sale con")]
    [InlineData("t'es un SALE     con !")]
    [InlineData("sale\ncon")]
    public void A_phrase_matches_whatever_the_spaces_between_its_words(string text) => Assert.True(Matches(text, "  sale   con "));

    [Theory]
    [InlineData("salecon")]
    [InlineData("sale cons")]
    [InlineData("sale, con")]
    public void A_phrase_needs_its_words_whole_and_together(string text) => Assert.False(Matches(text, "sale con"));

    [Fact]
    public void A_phrase_is_stored_trimmed_with_single_spaces() => Assert.Equal("sale con", WatchedWords.Clean("  sale \t  con "));

    [Fact]
    public void A_refuse_word_wins_over_a_hold_word_whatever_their_order()
    {
        WatchedWord[] words =
        [
            new() { Phrase = "idiot", Action = WatchedWordAction.Hold },
            new() { Phrase = "connard", Action = WatchedWordAction.Refuse },
        ];

        var match = WatchedWords.FirstMatch("Idiot, connard !", words);

        Assert.Equal(new WatchedWordMatch("connard", WatchedWordAction.Refuse), match);
        Assert.Equal(new WatchedWordMatch("idiot", WatchedWordAction.Hold), WatchedWords.FirstMatch("Quel idiot", words));
        Assert.Null(WatchedWords.FirstMatch("Bonne idée", words));
    }
}
