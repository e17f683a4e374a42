package io.strait.spark;

/**
 * Where a Spark job's delegation tokens come from: asked before each job, so a source may renew or replace them as
 * they near their end. Regions without Kerberos need none.
 */
@FunctionalInterface
public interface DelegationTokenSource {
    DelegationTokenSource NONE = DelegationTokens::none;

    /** Tokens valid for at least the next job. */
    DelegationTokens current();
}
