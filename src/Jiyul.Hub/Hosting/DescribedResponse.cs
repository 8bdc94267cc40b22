namespace Jiyul.Hub.Hosting;

/// <summary>One answer of a <see cref="DescribedRoute"/>; <see cref="ContentType"/> is null for an answer without a body.</summary>
internal sealed record DescribedResponse(int Status, string Description, string? ContentType = null);
