namespace Jiyul.Agent.Model;

/// <summary>
/// The outcome of a call to the model socket: a response whose body has not been read yet, or why there is none.
/// An unreachable hub is an expected outcome, so it is a value rather than an exception.
/// </summary>
internal sealed class ModelCall : IDisposable
{
    private ModelCall(HttpResponseMessage? response, ModelCallFailure failure)
    {
        Response = response;
        Failure = failure;
    }

    /// <summary>The model's response, its body still to be read; null when <see cref="Failure"/> says why.</summary>
    public HttpResponseMessage? Response { get; }

    public ModelCallFailure Failure { get; }

    public static ModelCall Answered(HttpResponseMessage response) => new(response, ModelCallFailure.None);

    public static ModelCall Failed(ModelCallFailure failure) => new(null, failure);

    public void Dispose() => Response?.Dispose();
}
