import { revalidateTag } from "next/cache";

export const dynamic = "force-dynamic";

// Invalidates every page and fetch cached with the "stats" tag.
export async function POST() {
  revalidateTag("stats");
  return Response.json({ revalidated: true, tag: "stats" });
}
