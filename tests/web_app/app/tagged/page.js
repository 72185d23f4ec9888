import { unstable_cache } from "next/cache";

// Cached under the tag "stats"; POST /api/revalidate invalidates it through revalidateTag.
const getStats = unstable_cache(async () => ({ computedAt: new Date().toISOString() }), ["stats"], {
  tags: ["stats"],
});

export const revalidate = 3600;

export default async function Tagged() {
  const stats = await getStats();
  return (
    <main>
      <p id="computed-at">{stats.computedAt}</p>
    </main>
  );
}
