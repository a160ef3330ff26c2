using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Workflow.Hosting;

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

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwtSigningKey, IOptions<LandFlowAuthOptions>>((options, key, auth) =>
            {
                options.MapInboundClaims = false;
                // Set, not left to the container's TimeProvider, which may be the movable dev clock.
                // Token lifetimes are checked by IdentityModel against the system clock as well.
                options.TimeProvider = TimeProvider.System;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = key.SecurityKey,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = LandFlowClaimTypes.Name,
                    RoleClaimType = LandFlowClaimTypes.Role,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                options.Events = new JwtBearerEvents { OnChallenge = NoteWhyTheTokenWasRefused };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, UnmatchedRouteAuthorizationResultHandler>();
        return builder;
    }

    // The default challenge still sends "WWW-Authenticate: Bearer ..."; the status code page writes the body.
    private static Task NoteWhyTheTokenWasRefused(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure is not null)
        {
            var reason = string.IsNullOrEmpty(context.ErrorDescription)
                ? "it is malformed or was not issued by this server"
                : context.ErrorDescription.TrimEnd('.');
            ProblemResponses.NoteAuthenticationFailure(context.HttpContext, $"The bearer token was refused: {reason}.");
        }

        return Task.CompletedTask;
    }
}
