namespace Jiyul.Hub.Models;

/// <summary>The model egress: the socket cells reach a model through, and the providers behind it.</summary>
internal static class ModelsSetup
{
    public static void AddJiyulModels(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
    }
}
