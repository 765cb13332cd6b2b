using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Discussions;

namespace StudyGuide.Tests.Discussions;

public class ThreadPagingTests
{
    // The default size, as the app runs unless StudyGuide:Discussions:PostsPerPage is configured.
    static readonly ThreadPaging Paging = new(Options.Create(new StudyGuideOptions()));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(25_000, 500)]
    public void A_thread_has_enough_pages_for_its_posts_and_at_least_one(int posts, int pages)
    {
        Assert.Equal(pages, Paging.PageCount(posts));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(100, 2)]
    [InlineData(24_951, 500)]
    public void Post_n_lives_on_the_page_its_number_says(int number, int page)
    {
        Assert.Equal(page, Paging.PageOf(number));
    }

    [Fact]
    public void Page_n_is_a_range_of_numbers_with_no_gaps_between_pages()
    {
        Assert.Equal((0, 50), Paging.NumberRange(1));
        Assert.Equal((50, 100), Paging.NumberRange(2));
        Assert.Equal((24_950, 25_000), Paging.NumberRange(500));
        for (var page = 1; page < 10; page++)
            Assert.Equal(Paging.NumberRange(page).Through, Paging.NumberRange(page + 1).After);
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

    [Fact]
    public void The_configured_page_size_sets_the_pages()
    {
        var paging = new ThreadPaging(Options.Create(new StudyGuideOptions { Discussions = { PostsPerPage = 20 } }));

        Assert.Equal(20, paging.PostsPerPage);
        Assert.Equal(3, paging.PageCount(41));
        Assert.Equal(3, paging.PageOf(41));
        Assert.Equal((20, 40), paging.NumberRange(2));
    }
}

/// <summary>The page size is configuration (bench/run starts the app with 20, 50 and 100), read through the options.</summary>
public class ConfiguredThreadPageSizeTests(TestDatabases databases)
{
    [Fact]
    public async Task A_configured_page_size_is_the_size_of_the_thread_pages()
    {
        await using var app = new StudyGuideFactory(databases).WithSetting("StudyGuide:Discussions:PostsPerPage", "20");
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        var thread = await app.FreeThreadAsync(group, teacher);
        for (var i = 1; i <= 25; i++) await app.PostAsync(thread, teacher, $"Post {i}");
        var browser = await app.SignedInAsync(teacher);

        var page = await browser.GetStringAsync($"/threads/{thread.Id}?page=2");

        var numbers = Regex.Matches(page, "<article[^>]* id=\"post-(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(21, 5), numbers);
    }
}
