import type { Ref } from 'react';

/** A hidden file input for one picture; a visible button opens it through `ref`. */
export function ImageInput({ ref, label, onPick }: { ref: Ref<HTMLInputElement>; label: string; onPick: (file: File) => void }) {
  return (
    <input
      ref={ref}
      type="file"
      accept="image/jpeg,image/png,image/gif,image/webp"
      hidden
      aria-label={label}
      onChange={(event) => {
        const file = event.target.files?.[0];
        // Cleared so picking the same file again still fires a change.
        event.target.value = '';
        if (file) onPick(file);
      }}
    />
  );
}
