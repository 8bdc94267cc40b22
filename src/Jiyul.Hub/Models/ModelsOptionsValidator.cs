using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Models;

/// <summary>
/// Checks the <c>Models</c> section at start-up and lists every problem at once, so an operator fixes them in one go.
/// Only the chosen provider's section is checked: a half-filled section of a provider not in use harms nothing.
/// </summary>
internal sealed class ModelsOptionsValidator : IValidateOptions<ModelsOptions>
{
    private const string Section = ModelsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!ModelProviders.All.Contains(options.Provider, StringComparer.Ordinal))
        {
            var known = string.Join(", ", ModelProviders.All);
            failures.Add($"{Section}:Provider is '{options.Provider}'; it must be one of {known}.");
        }

        if (options.MaxRequestBytes <= 0)
        {
            failures.Add($"{Section}:MaxRequestBytes is {options.MaxRequestBytes}; it must be greater than 0.");
        }

        if (options.UpstreamTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:UpstreamTimeout is {options.UpstreamTimeout}; it must be greater than 00:00:00.");
        }

        if (options.UsageFlushInterval <= TimeSpan.Zero || options.UsageFlushInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add(
                $"{Section}:UsageFlushInterval is {options.UsageFlushInterval}; it must be greater than 00:00:00 and at most 00:10:00.");
        }

        if (options.Provider == ModelProviders.OpenAI)
        {
            var openAI = options.OpenAI;
            CheckProvider(failures, $"{Section}:OpenAI", openAI.BaseUrl, openAI.ApiKey, openAI.Model);
        }

        if (options.Provider == ModelProviders.Anthropic)
        {
            var anthropic = options.Anthropic;
            CheckProvider(failures, $"{Section}:Anthropic", anthropic.BaseUrl, anthropic.ApiKey, anthropic.Model);
            if (anthropic.DefaultMaxTokens <= 0)
            {
                failures.Add(
                    $"{Section}:Anthropic:DefaultMaxTokens is {anthropic.DefaultMaxTokens}; it must be greater than 0.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckProvider(
        List<string> failures,
        string section,
        string baseUrl,
        string? apiKey,
        string model)
    {
        // The key's value is never repeated here: validation messages end up in logs and exceptions.
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            failures.Add($"{section}:ApiKey is empty; the provider needs a key.");
        }

        if (!IsHttpUrl(baseUrl))
        {
            failures.Add($"{section}:BaseUrl is '{baseUrl}'; it must be an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            failures.Add($"{section}:Model is empty; it must name the model requests are sent to.");
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
