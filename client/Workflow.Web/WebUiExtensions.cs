using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Workflow.Web;

/// <summary>Registers and maps the web UI in a host that already has an Orleans client (the gateway, embedded or cluster).</summary>
public static class WebUiExtensions
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The pages' services; the host supplies <see cref="IWebIdentities"/> (and <see cref="IWebSignInDirectory"/> when
    /// it has a picker of users).</summary>
    public static IServiceCollection AddLandFlowWeb(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddCascadingAuthenticationState();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            // Chinese first whatever the browser asks; English by the reader's choice (a cookie) only.
            options.DefaultRequestCulture = new RequestCulture(Chinese);
            options.SupportedCultures = [Chinese, English];
            options.SupportedUICultures = [Chinese, English];
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        services.AddAuthentication().AddCookie(WebSession.Scheme, options =>
        {
            options.Cookie.Name = WebSession.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = WebSession.Lifetime;
            options.SlidingExpiration = true;
            options.LoginPath = WebSession.SignInPath;
            options.ReturnUrlParameter = "returnUrl";
        });
        services.AddAuthorizationBuilder().AddPolicy(WebSession.Policy, policy => policy
            .AddAuthenticationSchemes(WebSession.Scheme)
            // Anyone may reach a page (the sign-in page, a redirect to it); who sees what is decided by the grains.
            .RequireAssertion(_ => true));
        services.AddScoped<CurrentUser>();
        services.AddSingleton<TemplateNames>();
        services.AddScoped<LiveInbox>();
        return services;
    }

    /// <summary>Request localization for everything but <c>/api</c> (the API answers in one invariant form), then antiforgery:
    /// call after authorization.</summary>
    public static IApplicationBuilder UseLandFlowWeb(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseRequestLocalization());
        app.UseMiddleware<UnknownPathMethodFilter>();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The pages at <c>/</c>, their assets and the sign-in, sign-out and language routes.</summary>
    public static IEndpointRouteBuilder MapLandFlowWeb(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(WebSession.Policy);

        app.MapPost(WebSession.SignInEndpoint, (Func<HttpContext, Task<IResult>>)SignInAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(WebSession.SignOutPath, (Func<HttpContext, Task<IResult>>)SignOutAsync).RequireAuthorization(WebSession.Policy).ExcludeFromDescription();
        app.MapGet(WebSession.CulturePath, ChooseCulture).AllowAnonymous().ExcludeFromDescription();
        app.MapBulletinDownloads();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context)
    {
        // The form carries the page's antiforgery token: another site cannot sign a browser in as someone else.
        if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            return Results.LocalRedirect($"{WebSession.SignInPath}?failed=1");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOrHome(form["returnUrl"]);
        var directory = context.RequestServices.GetService<IWebSignInDirectory>();
        if (directory?.Find(form["user"].ToString()) is not { } user)
        {
            return Results.LocalRedirect($"{WebSession.SignInPath}?failed=1");
        }

        var identities = context.RequestServices.GetRequiredService<IWebIdentities>();
        await context.SignInAsync(WebSession.Scheme, new ClaimsPrincipal(identities.ToIdentity(user, WebSession.Scheme)));
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(WebSession.Scheme);
        return Results.LocalRedirect(WebSession.SignInPath);
    }

    private static IResult ChooseCulture(HttpContext context, string? lang, string? returnUrl)
    {
        var culture = string.Equals(lang, "en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    // Only paths of this site: an open redirect would let a link elsewhere borrow the sign-in page.
    private static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
