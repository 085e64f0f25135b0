using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Audit;

namespace GreenCommunity.Dashboard.Admin;

/// <summary>Administration: the accounts and tokens pages' service, and the command line that creates the first administrator.</summary>
public static class AdministrationExtensions
{
    public static IServiceCollection AddDashboardAdministration(this IServiceCollection services)
    {
        services.AddSingleton<AccountAdministration>();
        return services;
    }

    /// <summary>Creates a province administrator with the password read from standard input; returns the exit code.</summary>
    public static Task<int> CreateAdministratorAsync(this WebApplication app, string userName, TextReader input) =>
        CreateAdministratorAsync(app.Services, userName, input);

    public static async Task<int> CreateAdministratorAsync(IServiceProvider services, string userName, TextReader input)
    {
        var password = (await input.ReadLineAsync())?.Trim() ?? "";
        try
        {
            var account = await services.GetRequiredService<UserStore>().CreateAsync(userName, userName, UserAccount.AdminRole, null, password, CancellationToken.None);
            await services.GetRequiredService<AuditRecorder>().RecordAsync("command-line", null, "account.create", account.UserName, AuditOutcome.Allowed, "first administrator");
            await Console.Out.WriteLineAsync($"Created administrator '{account.UserName}'.");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"Not created: {ex.Message}");
            return 2;
        }
    }
}
