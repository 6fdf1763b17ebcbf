import { defineComponent } from 'vue'

/** Stands in for a page or layout where a test is about routing, not rendering. */
export default defineComponent({ name: 'Blank', render: () => null })
