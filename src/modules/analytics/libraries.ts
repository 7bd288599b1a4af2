// The analytics' heavy libraries — Observable Plot with linkedom's DOM for the charts, ml-kmeans and ml-pca for the
// groups — loaded on first use rather than at start: tens of megabytes of a server's memory that an instance serving
// pages and votes never needs. Whatever draws or computes awaits `analyticsLibraries()` first (the analytics routes
// before their handler, the computing jobs before they compute); the functions that use them stay synchronous.
type Plot = typeof import('@observablehq/plot');
type KMeans = typeof import('ml-kmeans').kmeans;
type Pca = typeof import('ml-pca').PCA;
type ServerDocument = ReturnType<typeof import('linkedom').parseHTML>['document'];

export interface AnalyticsLibraries {
  Plot: Plot;
  /** a server-side document for Plot to draw in */
  document: ServerDocument;
  kmeans: KMeans;
  PCA: Pca;
}

let loaded: AnalyticsLibraries | undefined;
let loading: Promise<AnalyticsLibraries> | undefined;

export function analyticsLibraries(): Promise<AnalyticsLibraries> {
  loading ??= Promise.all([import('@observablehq/plot'), import('linkedom'), import('ml-kmeans'), import('ml-pca')]).then(([Plot, linkedom, kmeans, pca]) => {
    const { document } = linkedom.parseHTML('<!doctype html><html><body></body></html>');
    return (loaded = { Plot, document, kmeans: kmeans.kmeans, PCA: pca.PCA });
  });
  return loading;
}

/** The libraries, once `analyticsLibraries()` has loaded them. */
export function loadedLibraries(): AnalyticsLibraries {
  if (!loaded) throw new Error('the analytics libraries are not loaded: await analyticsLibraries() first');
  return loaded;
}
