import { useState } from 'react';
import { apiUrl, type Schemas } from '../../api';
import './projects.css';

type Photo = Schemas['ProjectPhoto'];

export const photoUrl = (p: Photo, thumbnail = false) =>
  apiUrl('/api/v1/projects/{id}/photos/{photoId}', { id: p.projectId, photoId: p.id }, thumbnail ? { thumbnail: '1' } : undefined);

export const photoPlace = (p: Photo) =>
  [p.caption, p.latitude !== null && p.longitude !== null ? `${p.latitude.toFixed(4)}°N ${p.longitude.toFixed(4)}°E` : ''].filter(Boolean).join(' · ');

/** Two photos of one site, the earlier laid over the later and cut at the slider (drag, or arrow keys). */
export function PhotoCompare({ before, after, label }: { before: Photo | null; after: Photo | null; label: string }) {
  const [at, setAt] = useState(50);
  if (!before || !after) {
    const only = after ?? before;
    return (
      <div className="photo-compare">
        {only ? (
          <>
            <img src={photoUrl(only)} alt={`${label} ${only.takenOn}`} />
            <span className="photo-compare-label" style={{ left: 8 }}>
              {only.takenOn}（{after ? '本期' : '上期'}，无可对比照片）
            </span>
          </>
        ) : (
          <div className="photo-compare-empty">暂无照片</div>
        )}
      </div>
    );
  }
  return (
    <div className="photo-compare">
      <img src={photoUrl(after)} alt={`${label} ${after.takenOn}`} />
      <img src={photoUrl(before)} alt={`${label} ${before.takenOn}`} style={{ clipPath: `inset(0 ${100 - at}% 0 0)` }} />
      <div className="photo-compare-line" style={{ left: `calc(${at}% - 1px)` }} />
      <span className="photo-compare-label" style={{ left: 8 }}>
        上期 {before.takenOn}
      </span>
      <span className="photo-compare-label" style={{ right: 8 }}>
        本期 {after.takenOn}
      </span>
      <input type="range" min={0} max={100} value={at} aria-label={`${label}：拖动对比前后照片`} onChange={(e) => setAt(Number(e.target.value))} />
    </div>
  );
}
