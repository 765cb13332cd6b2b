using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace StudyGuide.Tests.Infrastructure;

/// <summary>A Razor Page as the app's endpoint table has it, compiled: its route, its metadata and its handlers.</summary>
public sealed record PageEndpoint(string Route, string ViewEnginePath, EndpointMetadataCollection Metadata, IReadOnlyList<HandlerMethodDescriptor> Handlers);

public static class PageEndpoints
{
    /// <summary>
    /// Every Razor Page endpoint with its full metadata. The routing table holds pages before they
    /// are compiled (conventions only); loading each page adds its page model's attributes and handlers,
    /// as the first request to it does.
    /// </summary>
    public static async Task<IReadOnlyList<PageEndpoint>> AllAsync(StudyGuideFactory app)
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var pages = new List<PageEndpoint>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor) continue;
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var metadata = compiled.Endpoint?.Metadata ?? endpoint.Metadata;
            pages.Add(new PageEndpoint("/" + endpoint.RoutePattern.RawText?.TrimStart('/'), descriptor.ViewEnginePath, metadata, compiled.HandlerMethods.ToList()));
        }
        Assert.NotEmpty(pages);
        return pages;
    }

    public static async Task<AuthorizationPolicy?> PolicyOfAsync(StudyGuideFactory app, PageEndpoint page)
    {
        if (page.Metadata.GetMetadata<IAllowAnonymous>() is not null) return null;
        var provider = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        return await AuthorizationPolicy.CombineAsync(
            provider, page.Metadata.GetOrderedMetadata<IAuthorizeData>(), page.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
    }
}
