import Image from "next/image";

// ISR: regenerated at most once a minute; served from the S3 incremental cache in between.
export const revalidate = 60;

export default function Home() {
  return (
    <main>
      <h1>sgct test app</h1>
      <p id="rendered-at">{new Date().toISOString()}</p>
      <Image src="/logo.png" alt="logo" width={64} height={64} />
      <a href="/robots.txt">robots</a> <a href="/tagged">tagged</a>
    </main>
  );
}
