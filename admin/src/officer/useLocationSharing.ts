import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../app/services';
import { t, type MessageKey } from '../i18n';
import { officerKeys } from '../tickets/queries';
import { locationDue } from './photos';

export type LocationPhase =
  'off' | 'waiting' | 'sharing' | 'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'insecure';

export interface Fix {
  lat: number;
  lng: number;
  accuracy: number;
  /** When the device took the fix (ms). */
  at: number;
}

export const phaseMessage: Partial<Record<LocationPhase, MessageKey>> = {
  denied: 'officer.locationDenied',
  unavailable: 'officer.locationUnavailable',
  timeout: 'officer.locationTimeout',
  unsupported: 'officer.locationUnsupported',
  insecure: 'officer.locationInsecure',
};

/** A fix younger than this is good enough to check in with. */
const FRESH_FIX_MS = 30_000;

function phaseOf(error: GeolocationPositionError): LocationPhase {
  if (error.code === error.PERMISSION_DENIED) return 'denied';
  if (error.code === error.TIMEOUT) return 'timeout';
  return 'unavailable';
}

function fixOf(position: GeolocationPosition): Fix {
  return {
    lat: position.coords.latitude,
    lng: position.coords.longitude,
    accuracy: position.coords.accuracy,
    at: position.timestamp || Date.now(),
  };
}

function geolocationBlocker(): LocationPhase | null {
  if (typeof window !== 'undefined' && window.isSecureContext === false) return 'insecure';
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return 'unsupported';
  return null;
}

/**
 * While on duty: follows the device position and reports it to the BFF at most every 15 s (again every
 * 15 s while standing still, so the position stays fresh for dispatch). Also gives check-in a position.
 */
export function useLocationSharing(onDuty: boolean) {
  const client = useQueryClient();
  const [phase, setPhase] = useState<LocationPhase>('off');
  const [fix, setFix] = useState<Fix | null>(null);
  const [lastSentAt, setLastSentAt] = useState<number | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const fixRef = useRef<Fix | null>(null);
  const lastSentRef = useRef<number | null>(null);
  const sendingRef = useRef(false);

  const maybeSend = useCallback(() => {
    const latest = fixRef.current;
    const now = Date.now();
    if (!latest || sendingRef.current || !locationDue(lastSentRef.current, now)) return;
    sendingRef.current = true;
    lastSentRef.current = now;
    api
      .sendLocation({
        lat: latest.lat,
        lng: latest.lng,
        accuracy: Math.min(10_000, Math.max(0, Math.round(latest.accuracy))),
      })
      .then(
        (status) => {
          client.setQueryData(officerKeys.status, status);
          setLastSentAt(now);
          setSendError(null);
        },
        (error: unknown) => setSendError(error),
      )
      .finally(() => {
        sendingRef.current = false;
      });
  }, [client]);

  useEffect(() => {
    if (!onDuty) {
      setPhase('off');
      lastSentRef.current = null;
      setLastSentAt(null);
      setSendError(null);
      return undefined;
    }
    const blocked = geolocationBlocker();
    if (blocked) {
      setPhase(blocked);
      return undefined;
    }
    setPhase(fixRef.current ? 'sharing' : 'waiting');
    const watchId = navigator.geolocation.watchPosition(
      (position) => {
        const next = fixOf(position);
        fixRef.current = next;
        setFix(next);
        setPhase('sharing');
        maybeSend();
      },
      (error) => {
        const next = phaseOf(error);
        setPhase(next);
        if (next === 'denied') navigator.geolocation.clearWatch(watchId);
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    // Standing still may bring no new fixes: report the latest again so dispatch still sees the officer.
    const timer = setInterval(maybeSend, 5_000);
    return () => {
      navigator.geolocation.clearWatch(watchId);
      clearInterval(timer);
    };
  }, [onDuty, attempt, maybeSend]);

  /** The current position for check-in: the latest fix when fresh, otherwise a new one. */
  const currentPosition = useCallback((): Promise<Fix> => {
    const latest = fixRef.current;
    if (latest && Date.now() - latest.at < FRESH_FIX_MS) return Promise.resolve(latest);
    const blocked = geolocationBlocker();
    if (blocked) return Promise.reject(new Error(t(phaseMessage[blocked]!)));
    return new Promise((resolve, reject) => {
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const next = fixOf(position);
          fixRef.current = next;
          setFix(next);
          resolve(next);
        },
        (error) => reject(new Error(t(phaseMessage[phaseOf(error)]!))),
        { enableHighAccuracy: true, maximumAge: 10_000, timeout: 15_000 },
      );
    });
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { phase, fix, lastSentAt, sendError, retry, currentPosition };
}

export type LocationSharing = ReturnType<typeof useLocationSharing>;
