'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useSession } from '@/lib/session';

/** The start page only sends a person on: to the chat when signed in, else to sign in. */
export default function Home() {
  const { signedIn } = useSession();
  const router = useRouter();

  useEffect(() => {
    if (signedIn !== null) {
      router.replace(signedIn ? '/chat' : '/signin');
    }
  }, [signedIn, router]);

  return <main className="center" aria-busy="true" />;
}
