/** A labelled progress bar: `done` of `total`, readable by screen readers. */
export function ProgressBar({ done, total, label, small }: { done: number; total: number; label: string; small?: boolean }): React.JSX.Element {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className={small ? 'progress small' : 'progress'}>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-text">
        {done}/{total}
      </span>
    </div>
  );
}
