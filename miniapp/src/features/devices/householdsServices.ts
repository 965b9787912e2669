import { createHouseholdsApi } from '../../api/households';
import { apiClient } from '../../services';

export const householdsApi = createHouseholdsApi(apiClient);
