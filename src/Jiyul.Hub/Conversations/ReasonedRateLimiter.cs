using System.Threading.RateLimiting;

namespace Jiyul.Hub.Conversations;

/// <summary>
/// A limiter that says why it refused: a refused lease carries <see cref="MetadataName.ReasonPhrase"/>, which the
/// rejection answer puts in its detail, beside the inner limiter's own metadata (its <c>Retry-After</c>).
/// </summary>
internal sealed class ReasonedRateLimiter(RateLimiter inner, string reason) : RateLimiter
{
    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Explain(inner.AttemptAcquire(permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        Explain(await inner.AcquireAsync(permitCount, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await inner.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private RateLimitLease Explain(RateLimitLease lease) => lease.IsAcquired ? lease : new RefusedLease(lease, reason);

    private sealed class RefusedLease(RateLimitLease inner, string reason) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => inner.MetadataNames.Append(MetadataName.ReasonPhrase.Name);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == MetadataName.ReasonPhrase.Name)
            {
                metadata = reason;
                return true;
            }

            return inner.TryGetMetadata(metadataName, out metadata);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
