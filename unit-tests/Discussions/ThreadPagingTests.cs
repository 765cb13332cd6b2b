using StudyGuide.Web.Discussions;

namespace StudyGuide.Tests.Discussions;

public class ThreadPagingTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(25_000, 500)]
    public void A_thread_has_enough_pages_for_its_posts_and_at_least_one(int posts, int pages)
    {
        Assert.Equal(pages, ThreadPaging.PageCount(posts));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(100, 2)]
    [InlineData(24_951, 500)]
    public void Post_n_lives_on_the_page_its_number_says(int number, int page)
    {
        Assert.Equal(page, ThreadPaging.PageOf(number));
    }

    [Fact]
    public void Page_n_is_a_range_of_numbers_with_no_gaps_between_pages()
    {
        Assert.Equal((0, 50), ThreadPaging.NumberRange(1));
        Assert.Equal((50, 100), ThreadPaging.NumberRange(2));
        Assert.Equal((24_950, 25_000), ThreadPaging.NumberRange(500));
        for (var page = 1; page < 10; page++)
            Assert.Equal(ThreadPaging.NumberRange(page).Through, ThreadPaging.NumberRange(page + 1).After);
    }

    [Theory]
    [InlineData(null, 3, 1)]
    [InlineData(0, 3, 1)]
    [InlineData(-4, 3, 1)]
    [InlineData(2, 3, 2)]
    [InlineData(99, 3, 3)]
    public void A_missing_or_impossible_page_number_shows_the_nearest_real_page(int? requested, int pageCount, int shown)
    {
        Assert.Equal(shown, ThreadPaging.Clamp(requested, pageCount));
    }
}
