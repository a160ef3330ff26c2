using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Workflow.ServiceDefaults;


namespace Workflow.Gateway;

/// <summary>JWT bearer authentication with our own issuer and key; every route needs a user unless it says otherwise.</summary>
internal static class AuthenticationSetup
{
    public static IHostApplicationBuilder AddLandFlowAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LandFlowAuthOptions>()
            .BindConfiguration(LandFlowAuthOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LandFlowAuthOptions>, LandFlowAuthOptionsValidator>());

        services.TryAddSingleton(JwtSigningKey.FromServices);
        // TimeProvider.System on purpose: the TimeProvider in the container may be the movable dev clock.
        services.TryAddSingleton(sp => new JwtTokenIssuer(
            sp.GetRequiredService<JwtSigningKey>(),
            sp.GetRequiredService<IOptions<LandFlowAuthOptions>>(),
            TimeProvider.System));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddJwtBearer(AdminSession.CookieScheme)
            .AddPolicyScheme(AdminSession.Scheme, displayName: null, options => options.ForwardDefaultSelector = AdminSession.SelectScheme);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IServiceProvider, IOptions<LandFlowAuthOptions>>((options, provider, auth) =>
            {
                options.Events = new JwtBearerEvents { OnChallenge = NoteWhyTheTokenWasRefused };
                if (auth.Value.UsesIdentityProvider)
                {
                    // API tokens from the identity provider only; the gateway's key still signs administrators' sessions.
                    IdentityProviderTokens.Configure(options, auth.Value);
                    var claimNames = auth.Value.Claims;
                    options.Events.OnTokenValidated = context => MapProviderClaims(context, claimNames);
                }
                else
                {
                    Configure(options, provider.GetRequiredService<JwtSigningKey>(), auth.Value, auth.Value.Audience);
                }
            });
        services.AddOptions<JwtBearerOptions>(AdminSession.CookieScheme)
            .Configure<JwtSigningKey, IOptions<LandFlowAuthOptions>>((options, key, auth) =>
            {
                Configure(options, key, auth.Value, AdminSession.AudienceFor(auth.Value.Audience));
                options.Events = new JwtBearerEvents
                {
                    // The cookie or nothing: this scheme never reads the Authorization header.
                    OnMessageReceived = context =>
                    {
                        context.Token = context.Request.Cookies[AdminSession.CookieName];
                        if (string.IsNullOrEmpty(context.Token))
                        {
                            context.NoResult();
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = NoteWhyTheSessionWasRefused,
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .Build())
            .AddPolicy(AdminSession.Policy, policy => policy
                .AddAuthenticationSchemes(AdminSession.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Admin))
            .AddPolicy(AdminSession.BearerPolicy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, UnmatchedRouteAuthorizationResultHandler>();
        return builder;
    }

    private static void Configure(JwtBearerOptions options, JwtSigningKey key, LandFlowAuthOptions auth, string audience)
    {
        options.MapInboundClaims = false;
        // Set, not left to the container's TimeProvider, which may be the movable dev clock.
        // Token lifetimes are checked by IdentityModel against the system clock as well.
        options.TimeProvider = TimeProvider.System;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = audience,
            IssuerSigningKey = key.SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = LandFlowClaimTypes.Name,
            RoleClaimType = LandFlowClaimTypes.Role,
            RequireExpirationTime = true,
            ClockSkew = LandFlowAuthOptions.ClockSkew,
        };
    }

    private static Task MapProviderClaims(TokenValidatedContext context, ExternalClaimNames names)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            context.Fail(new UnusableTokenClaimsException("it names no user"));
        }
        else if (ExternalClaimMapping.TryMap(identity, names, out var mapped, out var problem))
        {
            context.Principal = new ClaimsPrincipal(mapped);
        }
        else
        {
            context.Fail(new UnusableTokenClaimsException(problem));
        }

        return Task.CompletedTask;
    }

    // The default challenge still sends "WWW-Authenticate: Bearer ..."; the status code page writes the body.
    private static Task NoteWhyTheTokenWasRefused(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure is UnusableTokenClaimsException unusable)
        {
            ProblemResponses.NoteAuthenticationFailure(context.HttpContext, $"The bearer token was refused: {unusable.Message}.");
        }
        else if (context.AuthenticateFailure is not null)
        {
            var reason = string.IsNullOrEmpty(context.ErrorDescription)
                ? "it is malformed or was not issued by this server"
                : context.ErrorDescription.TrimEnd('.');
            ProblemResponses.NoteAuthenticationFailure(context.HttpContext, $"The bearer token was refused: {reason}.");
        }
        else if (context.Request.Path.StartsWithSegments(DashboardSettings.RoutePrefix))
        {
            ProblemResponses.NoteAuthenticationFailure(context.HttpContext,
                $"The Orleans dashboard is for administrators: send 'Authorization: Bearer <token>', or sign in at {AdminSession.SignInPath}.");
        }

        return Task.CompletedTask;
    }

    private static Task NoteWhyTheSessionWasRefused(JwtBearerChallengeContext context)
    {
        ProblemResponses.NoteAuthenticationFailure(context.HttpContext,
            $"The administrator's session has expired or is not valid: sign in again at {AdminSession.SignInPath}.");
        return Task.CompletedTask;
    }
}
